"""Print the shape of the product code: module sizes and function lengths (tests and migrations left out).

    python tools/code_shape.py [SRC_DIR]

Lines are physical lines; a function's length runs from its `def` to its last line (decorators excluded).
"""

import ast
import statistics
import sys
from pathlib import Path


def modules(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts
                  and p.name != "conftest.py")  # fmt: skip


def function_lengths(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.end_lineno - node.lineno + 1, f"{path}:{node.lineno} {node.name}")
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno is not None
    ]


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "src/skillcluster")
    files = modules(root)
    sizes = sorted(((len(p.read_text(encoding="utf-8").splitlines()), str(p)) for p in files), reverse=True)
    functions = sorted((f for p in files for f in function_lengths(p)), reverse=True)
    lengths = [n for n, _ in functions]
    folders = {p.parent for p in files}
    per_folder = [sum(1 for p in files if p.parent == folder) for folder in folders]
    print(
        f"modules {len(files)}, lines {sum(n for n, _ in sizes)}, folders {len(folders)} "
        f"(modules per folder: median {statistics.median(per_folder):.0f}, max {max(per_folder)})"
    )
    print(f"modules over 300 lines: {sum(n > 300 for n, _ in sizes)}; largest: {sizes[0][0]} {sizes[0][1]}")
    print(
        f"functions {len(lengths)}: median {statistics.median(lengths):.0f} lines, "
        f"p90 {statistics.quantiles(lengths, n=10)[-1]:.0f}, over 35: {sum(n > 35 for n in lengths)}, "
        f"longest: {functions[0][0]} {functions[0][1]}"
    )


if __name__ == "__main__":
    main()
