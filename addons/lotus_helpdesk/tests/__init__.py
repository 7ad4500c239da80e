from . import test_ticket_order
from . import test_routing
from . import test_ticket_stat
from . import test_no_audio
from . import test_mail_gateway
from . import test_anonymize
from . import test_portal
from . import test_ticket_return
