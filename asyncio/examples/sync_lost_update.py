import asyncio

balance = 0


async def deposit_at_once(amount):
    global balance
    current = balance
    balance = current + amount  # no await in between: no other task can run


async def deposit_with_await(amount):
    global balance
    current = balance
    await asyncio.sleep(0.1)  # e.g. write an audit record first
    balance = current + amount  # overwrites what other tasks wrote meanwhile


async def main():
    global balance
    for deposit in (deposit_at_once, deposit_with_await):
        balance = 0
        await asyncio.gather(deposit(10), deposit(10), deposit(10))
        print(f"{deposit.__name__}: three deposits of 10 make {balance}")


asyncio.run(main())
