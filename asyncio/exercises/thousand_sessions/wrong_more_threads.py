# hint: A thread per session gets the time right, but each one is a thread
# the system must create, with a stack of its own. Serve them with asyncio
# tasks on one thread: the exercise asks for no thread but the main one.
import threading
import time

SESSIONS = 1_000


def session(number):
    time.sleep(0.5)  # the client thinks for half a second
    served.append(threading.current_thread().name)  # which thread served it


served = []
threads = [threading.Thread(target=session, args=(n,)) for n in range(SESSIONS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"{len(served):,} sessions served; threads used: {len(set(served)):,}")
