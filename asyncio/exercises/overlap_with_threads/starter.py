import time


def download(name):
    time.sleep(0.5)  # a blocking library call, waiting for the network
    return f"{name}: done"


def main():
    results = [download(name) for name in ("A", "B", "C")]
    print(results)


main()
