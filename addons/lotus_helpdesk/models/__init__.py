from . import ir_attachment
from . import lotus_helpdesk_routing_rule
from . import lotus_helpdesk_ticket_stat
from . import helpdesk_ticket
from . import sale_order
from . import lotus_return_request
