from . import res_partner
from . import delivery_carrier
from . import sale_order
from . import account_invoice
from . import stock_picking
from . import payment_transaction
from . import lotus_privacy_disclosure
from . import lotus_demo
