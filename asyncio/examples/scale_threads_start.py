import threading
import time


def wait_half_a_second():
    time.sleep(0.5)


def start_and_wait(count):
    start = time.perf_counter()
    threads = [threading.Thread(target=wait_half_a_second) for _ in range(count)]
    for thread in threads:
        thread.start()
    print(f"{count:,} threads started in {time.perf_counter() - start:.2f} s")
    for thread in threads:
        thread.join()
    print(f"{count:,} threads done")


start_and_wait(1_000)
