--- neo-tree (filetype `neo-tree`): through its state's NuiTree (`tree:get_node(linenr)`), else the lines.
local lines = require('filedesc.explorer.lines')

local M = {}

---@return table? state neo-tree's state for the current window
local function state()
  local loaded = package.loaded['neo-tree.sources.manager']
  if not loaded or not loaded.get_state_for_window then
    return nil
  end
  local ok, result = pcall(loaded.get_state_for_window)
  return ok and result or nil
end

---@param node table?
---@return string?
local function name_of_node(node)
  if not node or node.type == 'message' or node.type == 'custom' then
    return nil
  end
  local name = node.name or (node.path and vim.fs.basename(node.path))
  if not name or name == '' or (node.level ~= nil and node.level == 0) then
    return nil
  end
  return name
end

---@param bufnr integer
---@return filedesc.Entry[]
function M.entries(bufnr)
  local entries = {}
  local current = state()
  local count = vim.api.nvim_buf_line_count(bufnr)
  if current and current.bufnr == bufnr and current.tree then
    for linenr = 1, count do
      local ok, node = pcall(current.tree.get_node, current.tree, linenr)
      local name = ok and name_of_node(node) or nil
      if name then
        entries[#entries + 1] = { row = linenr - 1, name = name }
      end
    end
    return entries
  end
  -- neo-tree's first line is the root folder.
  return lines.entries_after_root(bufnr)
end

---@return filedesc.Entry?
function M.entry_under_cursor(bufnr)
  local current = state()
  if not current or current.bufnr ~= bufnr or not current.tree then
    return nil
  end
  local name = name_of_node(current.tree:get_node())
  return name and { row = vim.api.nvim_win_get_cursor(0)[1] - 1, name = name } or nil
end

return M
