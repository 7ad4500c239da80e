from . import lotus_personal_data_mixin
from . import lotus_audit_log
from . import lotus_privacy_recipient
from . import lotus_privacy_disclosure
from . import res_partner
from . import lotus_portal_token
from . import lotus_portal_privacy
from . import lotus_newsletter_signup
