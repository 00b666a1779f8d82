# hint: time.sleep inside the awaitable blocks the whole loop: each pause
# holds up the other worker, and the run takes 1.4 s. Let Sleep only hand its
# deadline to the loop, and let the loop resume the earliest deadline first.
import time


class Sleep:
    """An awaitable that asks the loop below to resume it after `seconds`."""

    def __init__(self, seconds):
        self.seconds = seconds

    def __await__(self):
        time.sleep(self.seconds)  # wait here, then resume at once
        yield time.monotonic()


async def worker(name, pause):
    for step in range(2):
        print(f"{name} step {step}")
        await Sleep(pause)
    print(f"{name} done")


def run(*coroutines):
    """A tiny event loop: resume each coroutine when its deadline has passed."""
    waiting = [(time.monotonic(), coroutine) for coroutine in coroutines]
    while waiting:
        deadline, coroutine = waiting.pop(0)  # in the order they went to sleep
        time.sleep(max(0.0, deadline - time.monotonic()))  # nothing else to do
        try:
            next_deadline = coroutine.send(None)  # run it up to its next await
        except StopIteration:
            continue
        waiting.append((next_deadline, coroutine))


run(worker("slow", 0.5), worker("fast", 0.2))
