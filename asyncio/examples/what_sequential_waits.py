import time


def fetch(name):
    print(f"{name}: request sent")
    time.sleep(1)  # stands in for waiting for a reply over the network
    print(f"{name}: reply received")


def main():
    start = time.perf_counter()
    fetch("A")
    fetch("B")
    fetch("C")
    print(f"total: {time.perf_counter() - start:.1f} s")


main()
