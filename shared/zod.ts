import { z } from 'zod'

// Every boundary error may reach a clerk or an operator, so zod's generic
// messages ("required", "too long"…) are given in Chinese everywhere.
z.config(z.locales.zhCN())

export { z }
