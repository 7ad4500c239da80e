from . import lotus_return_reject_wizard
