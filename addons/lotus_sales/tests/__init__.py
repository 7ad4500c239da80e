from . import test_partner_names
from . import test_address_check
from . import test_carrier_sharing
from . import test_transactional_mail
from . import test_card_numbers
from . import test_invoice_report
from . import test_order_anonymisation
from . import test_order_anonymisation_engine
