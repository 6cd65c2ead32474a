--- oil.nvim (filetype `oil`): `get_entry_on_line(buf, lnum)` when oil is loaded, else its `/ID name` lines.
local lines = require('filedesc.explorer.lines')

local M = {}

---@param bufnr integer
---@return filedesc.Entry[]
function M.entries(bufnr)
  local oil = package.loaded['oil']
  local entries = {}
  for index, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local name
    if oil and oil.get_entry_on_line then
      local ok, entry = pcall(oil.get_entry_on_line, bufnr, index)
      name = ok and entry and entry.name or nil
    else
      -- "/012 name" with the id concealed, maybe an icon before the name, "/" after a folder.
      local rest = line:match('^/%d+%s+(.*)$')
      name = rest and lines.name_of(rest) or nil
    end
    if name and name ~= '..' then
      entries[#entries + 1] = { row = index - 1, name = name }
    end
  end
  return entries
end

---@return filedesc.Entry?
function M.entry_under_cursor(bufnr)
  local oil = package.loaded['oil']
  if not oil or not oil.get_cursor_entry then
    return nil
  end
  local entry = oil.get_cursor_entry()
  if not entry or not entry.name or entry.name == '..' then
    return nil
  end
  return { row = vim.api.nvim_win_get_cursor(0)[1] - 1, name = entry.name }
end

return M
