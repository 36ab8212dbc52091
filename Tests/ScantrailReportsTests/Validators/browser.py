"""Opens a report in headless Chromium (Debian's chromium and chromium-driver, through Selenium),
saves a screenshot and a print-to-PDF beside it, and prints what a reader sees as JSON.

usage: browser.py REPORT.html ARTEFACT_PREFIX
"""

import base64
import json
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

report, prefix = sys.argv[1], sys.argv[2]
options = webdriver.ChromeOptions()
for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900"):
    options.add_argument(argument)
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    driver.get("file://" + report)
    seen = {
        "title": driver.title,
        "h1": driver.find_element(By.TAG_NAME, "h1").text,
        "sections": [s.get_attribute("id") for s in driver.find_elements(By.TAG_NAME, "section")],
        "findings": len(driver.find_elements(By.CSS_SELECTOR, "article.finding")),
        "charts": len(driver.find_elements(By.CSS_SELECTOR, "svg.chart")),
        "severityCounts": [c.text.split("\n")[0] for c in driver.find_elements(By.CSS_SELECTOR, ".counts .count")],
        "scripts": len(driver.find_elements(By.TAG_NAME, "script")),
        # Anything the page fetched besides itself: a self-contained report fetches nothing.
        "resources": driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)"),
        "barWidths": [r.size["width"] for r in driver.find_elements(By.CSS_SELECTOR, "svg.chart rect")],
    }
    driver.save_screenshot(prefix + ".png")
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    with open(prefix + ".pdf", "wb") as handle:
        handle.write(base64.b64decode(pdf["data"]))
    seen["pdfBytes"] = len(base64.b64decode(pdf["data"]))
    print(json.dumps(seen, sort_keys=True))
finally:
    driver.quit()
