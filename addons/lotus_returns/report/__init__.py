from . import lotus_return_report
