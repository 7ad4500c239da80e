from . import lotus_demo
