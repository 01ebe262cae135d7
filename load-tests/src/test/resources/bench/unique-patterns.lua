-- wrk script: POST one new approved_patterns record per request, as the sender does (every id
-- distinct, the spec's headers), and print the figures on one line for the benchmark to read.
-- Arguments (after --): a run number (part of every id, so runs never repeat an id) and the
-- path of the record template, whose "@ID@" is replaced by the id.

local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

local run, tid, counter, before, after = 0, 0, 0, "", ""

function init(args)
  run = tonumber(args[1])
  tid = tonumber(wrk.thread:get("tid"))
  local file = assert(io.open(args[2], "r"))
  local template = file:read("*a")
  file:close()
  local at = string.find(template, "@ID@", 1, true)
  before, after = string.sub(template, 1, at - 1), string.sub(template, at + 4)
end

function request()
  counter = counter + 1
  -- A UUID (version 7, variant 8) made of the run, the thread and a counter.
  local id = string.format("%08x-%04x-7000-8000-%012x", run, tid, counter)
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["X-Sync-Event-Type"] = "INSERT",
    ["X-Sync-Table"] = "approved_patterns",
    ["X-Sync-Record-Id"] = id,
  }, before .. id .. after)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
