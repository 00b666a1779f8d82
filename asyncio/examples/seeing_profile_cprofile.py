import asyncio
import cProfile
import pstats
import time


def check_stock():
    time.sleep(0.5)  # a blocking call: the loop runs nothing else meanwhile


async def order():
    check_stock()


async def poll():
    for _ in range(5):
        await asyncio.sleep(0.1)


async def main():
    await asyncio.gather(order(), poll())


profiler = cProfile.Profile()
profiler.enable()
asyncio.run(main())
profiler.disable()

stats = pstats.Stats(profiler)
rows = {name: figures for (file, line, name), figures in stats.stats.items()}
print("function              calls  own time  with callees")
for shown, name in [("main", "main"), ("order", "order"), ("check_stock", "check_stock"),
                    ("time.sleep", "<built-in method time.sleep>"), ("poll", "poll"),
                    ("asyncio.sleep", "sleep")]:
    _, calls, own, with_callees, _ = rows[name]
    print(f"{shown:<20}{calls:>7}{own:>8.1f} s{with_callees:>12.1f} s")
print(f"the loop's select, waiting: {rows['select'][3]:.1f} s")
print(f"all own times added up: {stats.total_tt:.1f} s")
