-- wrk script: POSTs a whole questionnaire, each time with the next unused
-- token of the file $QM_TOKENS, so that every request is a new response
-- (a repeated token would only be a duplicate). Thread i takes tokens
-- i+1, i+1+T, i+1+2T, ... where T is $QM_THREADS.
local counter = 0

function setup(thread)
	thread:set("offset", counter)
	counter = counter + 1
end

function init(args)
	tokens = {}
	local f = assert(io.open(os.getenv("QM_TOKENS"), "r"))
	for line in f:lines() do
		tokens[#tokens + 1] = line
	end
	f:close()
	step = tonumber(os.getenv("QM_THREADS"))
	nexti = offset + 1
	path = os.getenv("QM_PATH")
	body = os.getenv("QM_BODY")
end

function request()
	local t = tokens[nexti] or "exhausted"
	nexti = nexti + step
	return wrk.format("POST", path,
		{ ["Content-Type"] = "application/x-www-form-urlencoded" },
		body .. "&_jeton=" .. t)
end
