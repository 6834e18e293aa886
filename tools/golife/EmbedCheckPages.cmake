# cmake -DDOCS_DIR=<docs/checks> -DOUTPUT=<file> -P EmbedCheckPages.cmake
#
# Writes OUTPUT, one C++ initializer {"<check>", R"golife_page(<page>)golife_page"}
# per page of DOCS_DIR: SARIF rules carry their check's page as help, and an
# installed golife has it without finding the docs at run time.
file(GLOB Pages "${DOCS_DIR}/*.md")
list(SORT Pages)
set(Rows "")
foreach(Page IN LISTS Pages)
  get_filename_component(Check "${Page}" NAME_WE)
  file(READ "${Page}" Text)
  string(FIND "${Text}" ")golife_page\"" Clash)
  if(NOT Clash EQUAL -1)
    message(FATAL_ERROR "${Page} holds the raw string's delimiter")
  endif()
  string(APPEND Rows "{\"${Check}\", R\"golife_page(${Text})golife_page\"},\n")
endforeach()
file(WRITE "${OUTPUT}" "${Rows}")
