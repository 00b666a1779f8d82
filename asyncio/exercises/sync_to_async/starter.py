import time


def fetch(name):
    print(f"sent {name}")
    time.sleep(1)  # waiting for the reply
    print(f"got {name}")


def main():
    for name in ("A", "B", "C"):
        fetch(name)


main()
