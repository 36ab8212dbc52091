"""Runs the dashboard flow in headless Chromium: sign in with an API key, read the overview,
open the nearest-deadline finding, mark it a false positive with a reason, make a read key,
sign out. Prints what was seen as JSON; keeps screenshots.

usage: dashboard_flow.py SERVER_URL ADMIN_KEY ARTEFACT_PREFIX
"""

import json
import sys

from chromium import browser, csp_violations, replaced
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

server, key, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
driver = browser()
seen = {}


def submit(selector):
    """Clicks a form's button and waits for the page it leads to (the old one goes stale)."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, selector).click()
    WebDriverWait(driver, 20).until(replaced(page))


try:
    driver.get(server + "/dashboard")
    seen["unsignedLandsOn"] = driver.current_url.removeprefix(server)
    driver.find_element(By.ID, "key").send_keys(key)
    submit("button[type=submit]")
    seen["overviewTitle"] = driver.find_element(By.TAG_NAME, "h1").text
    seen["sections"] = [s.get_attribute("id") for s in driver.find_elements(By.TAG_NAME, "section")]
    seen["openCount"] = driver.find_element(By.CSS_SELECTOR, "#counts .count span").text
    seen["deadlines"] = len(driver.find_elements(By.CSS_SELECTOR, "#deadlines tbody tr"))
    seen["trendCharts"] = len(driver.find_elements(By.CSS_SELECTOR, "#targets svg.trend"))
    driver.save_screenshot(prefix + "-overview.png")
    submit("#deadlines tbody a")
    seen["findingStateBefore"] = driver.find_element(By.ID, "state").text
    Select(driver.find_element(By.ID, "status")).select_by_value("false-positive")
    driver.find_element(By.ID, "reason").send_keys("a test fixture, not production")
    driver.find_element(By.ID, "expires").send_keys("30d")
    submit("#decide button[type=submit]")
    seen["findingStateAfter"] = driver.find_element(By.ID, "state").text
    seen["lifeActions"] = [row.find_elements(By.TAG_NAME, "td")[1].text
                           for row in driver.find_elements(By.CSS_SELECTOR, "#life tbody tr")]
    seen["lifeActors"] = [row.find_elements(By.TAG_NAME, "td")[2].text
                          for row in driver.find_elements(By.CSS_SELECTOR, "#life tbody tr")]
    driver.save_screenshot(prefix + "-finding.png")
    driver.get(server + "/dashboard/keys")
    driver.find_element(By.ID, "name").send_keys("external auditor")
    driver.find_element(By.CSS_SELECTOR, "input[name=scope][value=read]").click()
    submit("#new-key button[type=submit]")
    seen["newSecret"] = driver.find_element(By.ID, "secret").text
    driver.save_screenshot(prefix + "-keys.png")
    submit("header form button")
    seen["signedOutLandsOn"] = driver.current_url.removeprefix(server)
    driver.get(server + "/dashboard")
    seen["afterSignOut"] = driver.current_url.removeprefix(server)
    seen["cspViolations"] = csp_violations(driver)
finally:
    driver.quit()
print(json.dumps(seen, sort_keys=True))
