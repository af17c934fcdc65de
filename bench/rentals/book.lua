-- wrk script: every request books its own (item, day), so none conflicts with another.
-- Arguments after "--": first item id, number of items, customer id, first day, wrk threads.
-- Request n of thread t (of T) is the (t + n*T)-th booking: item = k % items, day = first day + k / items.
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  first_item = tonumber(args[1])
  items = tonumber(args[2])
  customer = tonumber(args[3])
  first_day = tonumber(args[4])
  nthreads = tonumber(args[5])
  n = 0
  base = 1894003200 -- 2030-01-07T08:00:00Z
end

function request()
  local k = tid + n * nthreads
  n = n + 1
  local item = first_item + (k % items)
  local start = base + (first_day + math.floor(k / items)) * 86400
  local body = string.format(
    '{"customer_id":%d,"starts_at":"%s","ends_at":"%s","lines":[{"item_id":%d}]}',
    customer, os.date("!%Y-%m-%dT%H:%M:%SZ", start), os.date("!%Y-%m-%dT%H:%M:%SZ", start + 20 * 3600), item)
  return wrk.format("POST", "/v1/rentals", nil, body)
end
