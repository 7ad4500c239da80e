from . import lotus_anonymize_wizard
from . import lotus_partner_restriction_wizard
from . import lotus_authority_disclosure_wizard
from . import lotus_privacy_lookup
from . import lotus_privacy_lookup_line
from . import lotus_privacy_coverage_line
from . import lotus_retention_preview
