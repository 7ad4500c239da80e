from . import res_company
from . import res_config_settings
from . import sale_order
from . import sale_order_line
from . import stock_move
from . import stock_picking
from . import lotus_return_request
from . import lotus_return_request_line
