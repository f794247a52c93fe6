@echo off
rem Launcher for the HIL bench on Windows (mirrors ./bench): runs the command line with the arguments given.
rem   1. target\bench.jar when it exists (rebuilt by "mvn package"; a newer source is not detected here: rebuild by hand)
rem   2. else, with Maven on the PATH and the sources beside this file: builds target\bench.jar first, showing Maven's output
rem   3. else bench.jar beside this file (the released self-contained jar: a site laptop with only Java 17)
rem Needs Java 17 on the PATH (or BENCH_JAVA pointing at java.exe). BENCH_JAVA_OPTS adds JVM options.
setlocal
set "here=%~dp0"
set "java=java"
if defined BENCH_JAVA set "java=%BENCH_JAVA%"
set "jar=%here%target\bench.jar"
if exist "%jar%" goto run
if not exist "%here%pom.xml" goto released
where mvn >nul 2>nul
if errorlevel 1 goto released
echo bench: first use: building target\bench.jar. Maven downloads the dependencies first (once; about 6.5 min in all 1>&2
echo        on a fresh machine, 1-5 min once they are cached). Maven's output follows. 1>&2
pushd "%here%"
call mvn -B -ntp -Dstyle.color=never -DskipTests package 1>&2
set "rc=%errorlevel%"
popd
if not "%rc%"=="0" (
  echo bench: the build failed ^(exit %rc%^) 1>&2
  exit /b 2
)
goto run
:released
set "jar=%here%bench.jar"
if exist "%jar%" goto run
echo bench: no target\bench.jar, no Maven to build it, and no bench.jar beside %~nx0 1>&2
echo bench: on a machine without Maven, put the released bench.jar next to bench.cmd 1>&2
exit /b 2
:run
cd /d "%here%"
"%java%" %BENCH_JAVA_OPTS% -jar "%jar%" %*
exit /b %errorlevel%
