"""Runs a Python module like `python -m MODULE ARGS...`, and ends it when its parent dies.

Usage: python mientras_viva_el_padre.py MODULE [ARGS...]
The grader starts long-running helpers (the fake Wikipedia) with this guard: if the grader is
killed without a chance to stop them (SIGKILL, a parent that dies first), the helper notices that
it was re-parented within a second and exits instead of keeping its port open forever.
Standard library only.
"""

import os
import runpy
import sys
import threading
import time


def watch(parent):
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def main():
    if len(sys.argv) < 2:
        print("uso: mientras_viva_el_padre.py MODULO [ARGUMENTOS...]", file=sys.stderr)
        return 2
    threading.Thread(target=watch, args=(os.getppid(),), daemon=True).start()
    module = sys.argv[1]
    sys.argv = [module, *sys.argv[2:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
