from . import test_engine_contract
from . import test_anonymizer
from . import test_retention
