from . import test_engine_contract
