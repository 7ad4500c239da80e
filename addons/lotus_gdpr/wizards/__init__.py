from . import lotus_partner_restriction_wizard
