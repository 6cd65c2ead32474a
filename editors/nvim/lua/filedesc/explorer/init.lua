--- Descriptions in file explorers (nvim-tree, neo-tree, oil): end-of-line virtual text, or a float.
---
--- Explorer buffers are not attached to the server, so the names are sent through the batch request
--- `filedesc/describe`, visible rows first, and the answers cached by name. Each explorer has an adapter that lists
--- `{ row, name }` for a buffer: through the explorer's API when it is loaded, else by reading the buffer's lines.
local config = require('filedesc.config')

local M = {}

M.ns = vim.api.nvim_create_namespace('filedesc.explorer')

--- Explorer filetype to adapter module, required only when a buffer of that filetype appears.
M.adapters = {
  NvimTree = 'filedesc.explorer.nvim_tree',
  ['neo-tree'] = 'filedesc.explorer.neo_tree',
  oil = 'filedesc.explorer.oil',
}

---@class filedesc.Entry
---@field row integer 0-based line
---@field name string the file or folder name

---@class filedesc.Adapter
---@field entries fun(bufnr: integer): filedesc.Entry[]
---@field entry_under_cursor? fun(bufnr: integer): filedesc.Entry?

--- `name` to its description, or `false` when the server had none.
---@type table<string, string|false>
local cache = {}
---@type table<string, true>
local pending = {}
--- Draw callbacks of buffers whose names were already asked by another buffer's request.
---@type fun()[]
local waiters = {}
--- Bumped by `reset()`: answers to requests sent before it (old language, old backend) are dropped.
local generation = 0

--- Run the callbacks waiting for answers asked by someone else.
function M.redraw_waiting()
  local ready = waiters
  waiters = {}
  for _, callback in ipairs(ready) do
    callback()
  end
end

--- Redraw every explorer buffer (when a server starts: explorers opened before it got nothing).
function M.refresh()
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.b[bufnr].filedesc_explorer then
      M.render(bufnr)
    end
  end
end

--- Forget every description (after a backend or language change) and redraw the explorers.
function M.reset()
  cache = {}
  pending = {}
  waiters = {}
  generation = generation + 1
  M.refresh()
end

--- The cached description of `name` (nil: not asked yet or none).
---@param name string
---@return string?
function M.cached(name)
  local value = cache[name]
  return value or nil
end

--- Rows on screen first, then the others in order: the visible descriptions arrive first.
---@param bufnr integer
---@param entries filedesc.Entry[]
---@return filedesc.Entry[]
function M.visible_first(bufnr, entries)
  local first, last = math.huge, -1
  for _, win in ipairs(vim.fn.win_findbuf(bufnr)) do
    local top = vim.fn.line('w0', win) - 1
    local bottom = vim.fn.line('w$', win) - 1
    first, last = math.min(first, top), math.max(last, bottom)
  end
  local ordered = {}
  for index, entry in ipairs(entries) do
    ordered[index] = { entry = entry, key = (entry.row >= first and entry.row <= last) and 0 or 1, index = index }
  end
  table.sort(ordered, function(a, b)
    if a.key ~= b.key then
      return a.key < b.key
    end
    return a.index < b.index
  end)
  return vim.tbl_map(function(item)
    return item.entry
  end, ordered)
end

--- Ask the server for the names not cached yet, in one request; `done` runs when the cache holds the answers.
---@param names string[]
---@param done fun()
function M.fetch(names, done)
  local missing, seen = {}, {}
  local waiting_on_pending = false
  for _, name in ipairs(names) do
    waiting_on_pending = waiting_on_pending or (cache[name] == nil and pending[name] ~= nil)
    if cache[name] == nil and not pending[name] and not seen[name] then
      seen[name] = true
      missing[#missing + 1] = name
    end
  end
  if #missing == 0 then
    if waiting_on_pending then
      waiters[#waiters + 1] = done
    end
    return done()
  end
  for _, name in ipairs(missing) do
    pending[name] = true
  end
  local asked_in = generation
  require('filedesc').describe(missing, function(items, err)
    if asked_in ~= generation then
      return
    end
    for _, name in ipairs(missing) do
      pending[name] = nil
    end
    if err then
      -- Not cached: asked again at the next redraw.
      return
    end
    for _, item in ipairs(items or {}) do
      cache[item.name] = item.description or false
    end
    vim.schedule(function()
      done()
      -- Other explorer buffers may have been waiting on these names (asked once for all of them).
      M.redraw_waiting()
    end)
  end)
end

--- Draw the descriptions of `bufnr`'s entries as end-of-line virtual text.
---@param bufnr integer
---@param entries filedesc.Entry[]
function M.draw(bufnr, entries)
  if not vim.api.nvim_buf_is_valid(bufnr) then
    return
  end
  vim.api.nvim_buf_clear_namespace(bufnr, M.ns, 0, -1)
  local hl = (config.options.explorer or {}).hl_group or 'Comment'
  local count = vim.api.nvim_buf_line_count(bufnr)
  for _, entry in ipairs(entries) do
    local description = cache[entry.name]
    if description and entry.row < count then
      vim.api.nvim_buf_set_extmark(bufnr, M.ns, entry.row, 0, {
        virt_text = { { '  ' .. description, hl } },
        virt_text_pos = 'eol',
        hl_mode = 'combine',
      })
    end
  end
end

---@param bufnr integer
---@return filedesc.Adapter?
local function adapter_of(bufnr)
  local module = M.adapters[vim.b[bufnr].filedesc_explorer or vim.bo[bufnr].filetype]
  return module and require(module) or nil
end

--- List, fetch and draw (virtual text mode), or just fetch (float mode).
---@param bufnr integer
function M.render(bufnr)
  local adapter = adapter_of(bufnr)
  if not adapter or not vim.api.nvim_buf_is_valid(bufnr) then
    return
  end
  local entries = M.visible_first(bufnr, adapter.entries(bufnr))
  local names = vim.tbl_map(function(entry)
    return entry.name
  end, entries)
  local float = (config.options.explorer or {}).mode == 'float'
  M.fetch(names, function()
    if not float then
      M.draw(bufnr, entries)
    end
  end)
end

--- Show the description of the entry under the cursor in a float.
---@param bufnr? integer
function M.preview(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local adapter = adapter_of(bufnr)
  if not adapter then
    return
  end
  local entry
  if adapter.entry_under_cursor then
    entry = adapter.entry_under_cursor(bufnr)
  end
  if not entry then
    local row = vim.api.nvim_win_get_cursor(0)[1] - 1
    for _, candidate in ipairs(adapter.entries(bufnr)) do
      if candidate.row == row then
        entry = candidate
      end
    end
  end
  if not entry then
    return
  end
  M.fetch({ entry.name }, function()
    local description = cache[entry.name]
    if description and vim.api.nvim_get_current_buf() == bufnr then
      vim.lsp.util.open_floating_preview({ '**' .. entry.name .. '**', '', description }, 'markdown', {
        focus_id = 'filedesc.explorer',
        border = 'rounded',
      })
    end
  end)
end

--- Start describing an explorer buffer: redraw on changes and scrolls (debounced), float on CursorHold.
---@param bufnr integer
---@param filetype string one of the keys of `M.adapters`
function M.attach(bufnr, filetype)
  local options = config.options.explorer or {}
  if options.enabled == false or not M.adapters[filetype] or vim.b[bufnr].filedesc_explorer then
    return
  end
  vim.b[bufnr].filedesc_explorer = filetype
  local timer = assert(vim.uv.new_timer())
  local augroup = vim.api.nvim_create_augroup('filedesc.explorer.' .. bufnr, { clear = true })
  vim.api.nvim_create_autocmd({ 'BufEnter', 'TextChanged', 'WinScrolled', 'LspAttach' }, {
    group = augroup,
    buffer = bufnr,
    callback = function()
      timer:stop()
      timer:start(80, 0, vim.schedule_wrap(function()
        M.render(bufnr)
      end))
    end,
  })
  if options.mode == 'float' then
    vim.api.nvim_create_autocmd('CursorHold', {
      group = augroup,
      buffer = bufnr,
      callback = function()
        M.preview(bufnr)
      end,
    })
  end
  vim.api.nvim_create_autocmd('BufWipeout', {
    group = augroup,
    buffer = bufnr,
    once = true,
    callback = function()
      timer:close()
      pcall(vim.api.nvim_del_augroup_by_id, augroup)
    end,
  })
  M.render(bufnr)
end

return M
