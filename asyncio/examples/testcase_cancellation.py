import asyncio
import unittest


class Connection:
    def __init__(self):
        self.closed = False

    async def serve(self):
        try:
            await asyncio.sleep(10)  # waits for requests, for ever
        finally:
            self.closed = True  # must happen however serve() ends


class ConnectionTests(unittest.IsolatedAsyncioTestCase):
    async def test_closes_when_cancelled(self):
        connection = Connection()
        task = asyncio.create_task(connection.serve())
        await asyncio.sleep(0.1)  # let it start
        task.cancel()
        with self.assertRaises(asyncio.CancelledError):
            await task
        self.assertTrue(connection.closed)
        print("test_closes_when_cancelled passed")


if __name__ == "__main__":
    unittest.main(verbosity=0)
