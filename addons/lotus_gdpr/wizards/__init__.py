from . import lotus_anonymize_wizard
from . import lotus_partner_restriction_wizard
from . import lotus_retention_preview
