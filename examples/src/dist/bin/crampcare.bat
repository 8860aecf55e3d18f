@echo off
rem crampcare: runs the CrampCare command line from this distribution (bin\ beside lib\).
rem Java 17 or later: %JAVA_HOME%\bin\java.exe if JAVA_HOME is set, else java on the PATH.
rem JAVA_OPTS and CRAMPCARE_OPTS are passed to Java (for example CRAMPCARE_OPTS=-Xmx2g).
setlocal
set "APP_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA=java"
)
set "DEFAULTS="
if /I "%~1"=="assess" set "DEFAULTS=-XX:TieredStopAtLevel=1"
if /I "%~1"=="sync" set "DEFAULTS=-XX:TieredStopAtLevel=1"
if /I "%~1"=="rules" set "DEFAULTS=-XX:TieredStopAtLevel=1"
if /I "%~1"=="report" set "DEFAULTS=-XX:TieredStopAtLevel=1"
rem serve: the parallel collector, unless the options choose one (see bin/crampcare).
if /I "%~1"=="serve" (
  echo %JAVA_OPTS% %CRAMPCARE_OPTS% | findstr /R /C:"-XX:+Use.*GC" >nul || set "DEFAULTS=-XX:+UseParallelGC"
)
"%JAVA%" %DEFAULTS% %JAVA_OPTS% %CRAMPCARE_OPTS% -cp "%APP_HOME%\lib\*" org.crampcare.examples.cli.CrampCareCli %*
exit /b %ERRORLEVEL%
