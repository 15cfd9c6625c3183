-- wrk script for scripts/bench-api (POST): each request is one article from the corpus file (articles separated
-- by the byte 0x1E) as text/plain with a leading `date` line and a last line unique to this run, thread and
-- request, so no POST hits the content-hash dedupe: every one is analysed and fsynced.
-- wrk -s bench-api-post.lua URL -- CORPUS_FILE RUN_TAG [minimal] ; prints one JSON line with statuses and latency
-- percentiles. "minimal" sends Prefer: return=minimal (answers without the analysis).
local threads = {}
local counter = 1

function setup(thread)
    thread:set("id", counter)
    counter = counter + 1
    table.insert(threads, thread)
end

function init(args)
    local f = assert(io.open(args[1], "rb"))
    local data = f:read("*a")
    f:close()
    articles = {}
    for a in string.gmatch(data, "([^\30]+)") do articles[#articles + 1] = a end
    tag = args[2] or "run"
    n = 0
    statuses = {}
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
    if args[3] == "minimal" then wrk.headers["Prefer"] = "return=minimal" end
end

function request()
    n = n + 1
    local i = ((id - 1) * 7919 + n) % #articles + 1
    local day = string.format("2005-%02d-%02d", (n % 12) + 1, (n % 28) + 1)
    local body = "date " .. day .. "\n" .. articles[i] .. "\n\nFiled as " .. tag .. "-" .. id .. "-" .. n .. ".\n"
    return wrk.format(nil, "/articles", nil, body)
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
    local counts = {}
    for _, t in ipairs(threads) do
        local s = t:get("statuses")
        for k, v in pairs(s) do counts[tostring(k)] = (counts[tostring(k)] or 0) + v end
    end
    local parts = {}
    for k, v in pairs(counts) do parts[#parts + 1] = string.format('"%s": %d', k, v) end
    io.write(string.format('{"requests": %d, "seconds": %.2f, "per_second": %.1f, "p50_ms": %.1f, "p90_ms": %.1f, '
        .. '"p99_ms": %.1f, "max_ms": %.1f, "socket_errors": %d, "statuses": {%s}}\n',
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, summary.errors.connect + summary.errors.read + summary.errors.write
        + summary.errors.timeout, table.concat(parts, ", ")))
end
