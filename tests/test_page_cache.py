"""The runner reads an interpreter's compiled standard library before a run alone (harness/page_cache.py)."""

import os
import sys

from harness import page_cache


def test_it_reads_every_compiled_module_and_extension_of_the_standard_library():
    folder = page_cache.stdlib_folder(sys.executable)
    assert folder == os.path.dirname(os.__file__)
    expected = 0
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in page_cache.SKIPPED]
        expected += sum(os.path.getsize(os.path.join(root, name)) for name in files
                        if name.endswith((".pyc", ".so")) and ".opt-" not in name)
    assert expected > 1_000_000
    assert page_cache.warm(sys.executable) == expected


def test_a_program_that_is_not_python_warms_nothing(tmp_path):
    assert page_cache.warm("/bin/false") == 0
