import asyncio
import unittest


async def fetch(reply_delay, timeout=2):
    # The timeout is a parameter now, so that a test can make it short.
    return await asyncio.wait_for(asyncio.sleep(reply_delay, result="reply"), timeout)


class FetchTests(unittest.IsolatedAsyncioTestCase):
    async def test_reply_in_time(self):
        self.assertEqual(await fetch(0.1), "reply")
        print("test_reply_in_time passed")

    async def test_gives_up(self):
        with self.assertRaises(asyncio.TimeoutError):
            await fetch(10, timeout=0.1)
        print("test_gives_up passed")


if __name__ == "__main__":
    unittest.main(verbosity=0)
