"""Runs the anonymous flow in headless Chromium: open the scan page, paste the URL, confirm,
Scan, watch the progress, read the report. Prints what was seen as JSON; keeps screenshots.

usage: anonymous_flow.py SERVER_URL TARGET_URL ARTEFACT_PREFIX
"""

import json
import sys

from chromium import browser, csp_violations, replaced
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

server, target, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
driver = browser()
seen = {}
try:
    driver.get(server + "/")
    seen["formTitle"] = driver.find_element(By.TAG_NAME, "h1").text
    # The page's own stylesheet applies: the CSP hash matches it.
    seen["mainMaxWidth"] = driver.execute_script("return getComputedStyle(document.querySelector('main')).maxWidth")
    driver.find_element(By.ID, "url").send_keys(target)
    driver.find_element(By.ID, "consent").click()
    driver.save_screenshot(prefix + "-form.png")
    form_page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 20).until(replaced(form_page))
    # The progress page reloads itself (and the script reloads it at the end): read through that.
    # A heading read while the page is replaced fails as a stale element or, in Chromium, as a
    # node that "does not belong to the document"; either is read again at the next poll.
    wait = WebDriverWait(
        driver, 60, poll_frequency=0.25,
        ignored_exceptions=[NoSuchElementException, StaleElementReferenceException, WebDriverException])
    seen["progressTitle"] = wait.until(lambda d: d.find_element(By.TAG_NAME, "h1").text)
    seen["link"] = driver.current_url
    seen["reportTitle"] = wait.until(
        lambda d: (lambda heading: heading if heading != "Scanning" else False)(d.find_element(By.TAG_NAME, "h1").text))
    seen["findings"] = len(driver.find_elements(By.CSS_SELECTOR, "article.finding"))
    seen["verdict"] = driver.find_element(By.CSS_SELECTOR, ".verdict").text
    # Anything the CSP blocked is reported on the console.
    seen["cspViolations"] = csp_violations(driver)
    driver.save_screenshot(prefix + "-report.png")
finally:
    driver.quit()
print(json.dumps(seen, sort_keys=True))
