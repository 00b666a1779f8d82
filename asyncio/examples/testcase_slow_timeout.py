import asyncio
import unittest


async def fetch(reply_delay):
    # The code under test: give up on a reply after 2 seconds.
    return await asyncio.wait_for(asyncio.sleep(reply_delay, result="reply"), timeout=2)


class FetchTests(unittest.IsolatedAsyncioTestCase):
    async def test_reply_in_time(self):
        self.assertEqual(await fetch(0.1), "reply")
        print("test_reply_in_time passed")

    async def test_gives_up(self):
        with self.assertRaises(asyncio.TimeoutError):
            await fetch(10)
        print("test_gives_up passed")


if __name__ == "__main__":
    unittest.main(verbosity=0)
