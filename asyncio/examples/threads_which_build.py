import subprocess
import sys
import sysconfig

# How this interpreter was built: 1 free-threaded, 0 standard (None before 3.13).
print("Py_GIL_DISABLED:", sysconfig.get_config_var("Py_GIL_DISABLED"))

# Whether the GIL is on at this moment.
if hasattr(sys, "_is_gil_enabled"):  # new in Python 3.13
    print("sys._is_gil_enabled():", sys._is_gil_enabled())
else:
    print("sys._is_gil_enabled(): missing; every build has the GIL")

# Asking the same interpreter to start without its GIL.
command = [sys.executable, "-X", "gil=0", "-c", "pass"]
child = subprocess.run(command, capture_output=True, text=True)
if child.returncode:
    print("python -X gil=0:", child.stderr.splitlines()[0])
else:
    print("python -X gil=0: starts, the option ignored")
