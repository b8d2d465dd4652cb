// Package shape holds, as a test, the code's standing rules of shape (issue 20):
// no function over 100 lines, no type of the ui package with more than 30
// methods. It has no code of its own.
package shape
