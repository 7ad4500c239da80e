from . import lotus_anonymize_wizard
