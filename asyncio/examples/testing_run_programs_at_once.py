import asyncio
import sys
import time

# Three small programs, each of which waits one second and prints a line.
PROGRAMS = [f"import time; time.sleep(1); print('program {n} done')" for n in (1, 2, 3)]


async def run(program):
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", program, stdout=asyncio.subprocess.PIPE
    )
    output, _ = await process.communicate()
    return output.decode().strip()


async def main():
    start = time.perf_counter()
    outputs = await asyncio.gather(*(run(program) for program in PROGRAMS))
    print(outputs)
    print(f"three 1-second programs took {time.perf_counter() - start:.1f} s in all")


asyncio.run(main())
