# hint: A pool of one thread runs the downloads one after another: give it
# one thread per download you want to overlap.
import time
from concurrent.futures import ThreadPoolExecutor


def download(name):
    time.sleep(0.5)  # a blocking library call, waiting for the network
    return f"{name}: done"


def main():
    with ThreadPoolExecutor(max_workers=1) as pool:
        results = list(pool.map(download, ("A", "B", "C")))
    print(results)


main()
