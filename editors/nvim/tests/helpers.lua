--- A tiny harness for `nvim --headless --clean -l tests/x_spec.lua`: the plugin on the runtimepath, the real
--- server (`$FILEDESC_PYTHON -m filedesc serve`, with a fresh cache), `test()`, `wait()` and a non-zero exit on failure.
local H = {}

local spec_dir = vim.fs.dirname(vim.fs.normalize(debug.getinfo(1, 'S').source:sub(2)))
H.root = vim.env.FILEDESC_NVIM_ROOT or vim.fs.dirname(spec_dir)
vim.opt.runtimepath:prepend(H.root)
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'

H.python = vim.env.FILEDESC_PYTHON or vim.fs.normalize(H.root .. '/../../.venv/bin/python')
H.cmd = { H.python, '-m', 'filedesc', 'serve' }
H.tmp = vim.fn.tempname()
vim.fn.mkdir(H.tmp, 'p')
vim.env.FILEDESC_CACHE_DIR = H.tmp .. '/cache'

local failures, count = 0, 0

---@param name string
---@param fn fun()
function H.test(name, fn)
  count = count + 1
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    io.stdout:write(('ok   %s\n'):format(name))
  else
    failures = failures + 1
    io.stdout:write(('FAIL %s\n     %s\n'):format(name, tostring(err):gsub('\n', '\n     ')))
  end
end

--- Wait (processing events) until `cond()` is truthy; error with `what` after `ms`.
---@generic T
---@param what string
---@param cond fun(): T
---@param ms? integer
---@return T
function H.wait(what, cond, ms)
  local value
  local ok = vim.wait(ms or 30000, function()
    value = cond()
    return value ~= nil and value ~= false
  end, 50)
  if not ok then
    error('timed out waiting for ' .. what, 2)
  end
  return value
end

function H.eq(expected, actual, what)
  if not vim.deep_equal(expected, actual) then
    error(('%s: expected %s, got %s'):format(what or 'value', vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

function H.matches(pattern, text, what)
  if type(text) ~= 'string' or not text:find(pattern) then
    error(('%s: %s does not match %q'):format(what or 'text', vim.inspect(text), pattern), 2)
  end
end

--- Write `lines` to a file under the temporary folder and return its path.
function H.file(name, lines)
  local path = H.tmp .. '/' .. name
  vim.fn.mkdir(vim.fs.dirname(path), 'p')
  vim.fn.writefile(lines, path)
  return path
end

--- The filedesc client attached to `bufnr`, once it is initialized.
function H.client(bufnr)
  return H.wait('the filedesc client', function()
    local client = vim.lsp.get_clients({ name = 'filedesc', bufnr = bufnr })[1]
    return client and client.initialized and client or nil
  end, 60000)
end

--- A synchronous request through the buffer's clients; returns the filedesc result.
function H.request(bufnr, method, params)
  local answers, err = vim.lsp.buf_request_sync(bufnr, method, params, 30000)
  assert(answers, 'no answer to ' .. method .. ': ' .. tostring(err))
  for _, answer in pairs(answers) do
    if answer.error then
      error(method .. ' failed: ' .. vim.inspect(answer.error), 2)
    end
    return answer.result
  end
end

--- The hover text at the first occurrence of `word` in `bufnr`.
function H.hover(bufnr, word)
  for row, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(word, 1, true)
    if col then
      local result = H.request(bufnr, 'textDocument/hover', {
        textDocument = { uri = vim.uri_from_bufnr(bufnr) },
        position = { line = row - 1, character = col },
      })
      return result and result.contents and result.contents.value or nil
    end
  end
  error(word .. ' is not in the buffer')
end

--- Stop the servers, report, and exit with 1 when a test failed.
function H.finish()
  for _, client in ipairs(vim.lsp.get_clients()) do
    client:stop(true)
  end
  vim.wait(1000, function()
    return #vim.lsp.get_clients() == 0
  end)
  io.stdout:write(('%d tests, %d failed\n'):format(count, failures))
  vim.fn.delete(H.tmp, 'rf')
  os.exit(failures == 0 and 0 or 1)
end

return H
