from . import access_log
from . import main
from . import portal
from . import queue_job
