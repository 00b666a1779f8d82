import heapq
import time


class Sleep:
    """An awaitable that asks the loop below to resume it after `seconds`."""

    def __init__(self, seconds):
        self.seconds = seconds

    def __await__(self):
        yield time.monotonic() + self.seconds  # the deadline goes up to the loop


async def worker(name, pause):
    for step in range(2):
        print(f"{name} step {step}")
        await Sleep(pause)
    print(f"{name} done")


def run(*coroutines):
    """A tiny event loop: resume each coroutine when its deadline has passed."""
    ready = [(time.monotonic(), n, c) for n, c in enumerate(coroutines)]
    while ready:
        deadline, n, coroutine = heapq.heappop(ready)
        time.sleep(max(0.0, deadline - time.monotonic()))  # nothing else to do
        try:
            next_deadline = coroutine.send(None)  # run it up to its next await
        except StopIteration:
            continue
        heapq.heappush(ready, (next_deadline, n, coroutine))


run(worker("A", 0.5), worker("B", 0.3))
