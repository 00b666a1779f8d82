import asyncio

balance = 0


async def deposit(amount, lock):
    global balance
    async with lock:  # one task at a time from here...
        current = balance
        await asyncio.sleep(0.1)  # e.g. write an audit record first
        balance = current + amount
    # ...to here


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(deposit(10, lock), deposit(10, lock), deposit(10, lock))
    print(f"with a lock: three deposits of 10 make {balance}")


asyncio.run(main())
