import asyncio
import threading
import time


def report():
    in_loop_thread = threading.current_thread() is threading.main_thread()
    print(f"report runs in the loop's thread: {in_loop_thread}")


async def main():
    loop = asyncio.get_running_loop()

    def worker():  # runs in another thread
        time.sleep(0.1)
        loop.call_soon(report)  # the report should run at 0.1 s

    threading.Thread(target=worker).start()
    await asyncio.sleep(1)
    print("main done")


asyncio.run(main())
