import threading
import time
from concurrent.futures import ThreadPoolExecutor

SESSIONS = 1_000


def session(number):
    time.sleep(0.5)  # the client thinks for half a second
    return threading.current_thread().name  # which thread served it


with ThreadPoolExecutor(max_workers=250) as pool:
    served = list(pool.map(session, range(SESSIONS)))
print(f"{len(served):,} sessions served; threads used: {len(set(served)):,}")
