"""Screenshots of pages as a given demo persona, to look at what we built.

python tools/screenshots.py EMAIL PATH [PATH ...]   (server on 127.0.0.1:8000, images in var/screens/)
WIDTH=390 python tools/screenshots.py …               (a phone's width; the file name ends in _390)
SCROLL=800 HEIGHT=1200 python tools/screenshots.py …  (only that part of the page, from 800 px down)
"""

import os
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = "http://127.0.0.1:8000"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def main(email: str, paths: list[str]) -> None:
    out = Path("var/screens")
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        width = int(os.environ.get("WIDTH", "1280"))
        page = browser.new_page(viewport={"width": width, "height": 900 if width > 600 else 844})
        if email != "-":
            page.goto(f"{BASE}/accounts/login/")
            page.fill("input[name=username]", email)
            page.fill("input[name=password]", "skillcluster-demo")
            page.click("main button[type=submit]")
        for path in paths:
            page.goto(BASE + path)
            name = re.sub(r"[^a-z0-9]+", "_", (email.split("@")[0] + path).lower()).strip("_")
            name += f"_{width}" if width != 1280 else ""
            if "HEIGHT" in os.environ:
                top, height = int(os.environ.get("SCROLL", "0")), int(os.environ["HEIGHT"])
                clip = {"x": 0, "y": top, "width": width, "height": height}
                page.screenshot(path=str(out / f"{name}_{top}.png"), full_page=True, clip=clip)
            else:
                page.screenshot(path=str(out / f"{name}.png"), full_page=True)
            print(out / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
