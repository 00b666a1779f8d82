import asyncio
import threading
import tracemalloc

COUNT = 200


def kb_each(before, after):
    """Kilobytes that each of COUNT items added, to the nearest KB."""
    return round((after - before) / COUNT / 1024)


async def task_kb():
    event = asyncio.Event()
    before, _ = tracemalloc.get_traced_memory()
    tasks = [asyncio.create_task(event.wait()) for _ in range(COUNT)]
    await asyncio.sleep(0)  # each task runs up to its await
    after, _ = tracemalloc.get_traced_memory()
    event.set()
    await asyncio.gather(*tasks)
    return kb_each(before, after)


def thread_kb():
    event = threading.Event()
    before, _ = tracemalloc.get_traced_memory()
    threads = [threading.Thread(target=event.wait) for _ in range(COUNT)]
    for thread in threads:
        thread.start()
    after, _ = tracemalloc.get_traced_memory()
    event.set()
    for thread in threads:
        thread.join()
    return kb_each(before, after)


tracemalloc.start()
print(f"a task:   about {asyncio.run(task_kb())} KB of Python objects")
print(f"a thread: about {thread_kb()} KB of Python objects, plus its stack")
print(f"stack size asked for: {threading.stack_size()} (0: the system's default)")
